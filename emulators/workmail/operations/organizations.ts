/** The organization operations: ListOrganizations and DescribeOrganization. */
import type { Organization } from '../model';
import { paginate } from '../paging';
import { organization, seconds, type Input, type OperationContext } from './context';

function organizationSummary(org: Organization) {
  return { OrganizationId: org.id, Alias: org.alias, DefaultMailDomain: org.defaultMailDomain, State: org.state };
}

export function listOrganizations(input: Input, ctx: OperationContext) {
  const { page, nextToken } = paginate([...ctx.organizations.values()], input, 'ListOrganizations');
  return { OrganizationSummaries: page.map(organizationSummary), NextToken: nextToken };
}

export function describeOrganization(input: Input, ctx: OperationContext) {
  const org = organization(ctx, input, { requireActive: false });
  return {
    ...organizationSummary(org),
    DirectoryId: org.directoryId,
    DirectoryType: org.directoryType,
    CompletedDate: seconds(org.completedDate),
    ARN: `arn:aws:workmail:${ctx.region}:${ctx.accountId}:organization/${org.id}`,
    InteroperabilityEnabled: false,
  };
}
