import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { DirectoryErrorAlert } from '@/components/directory-error-alert';
import { PersonDetails } from '@/components/person-details';
import { ResetForm } from '@/components/reset-form';
import { StepUpNotice } from '@/components/step-up-notice';
import { currentStepUpReason } from '@/lib/auth/step-up-check';
import { organizationOf } from '@/lib/access/actor';
import { can, reasonText } from '@/lib/access/can';
import { requireActor } from '@/lib/auth/current-actor';
import { directory, groupsOf } from '@/lib/people/directory';
import { DirectoryError } from '@/lib/directory/errors';
import { findTarget } from '@/lib/people/target';
import { personPath } from '@/lib/people/labels';
import { personTitle } from '@/lib/people/person-title';
import { capabilitiesOf, passwordPolicyFor, wordingFor } from '@/lib/portal';
import { formBinding } from '@/lib/reset/binding';
import { contextWords } from '@/lib/password/strength';
import { lastReset } from '@/lib/audit/last-reset';
import { config, handoverMode } from '@/lib/config';
import { handoverStatus } from '@/lib/handover/status';
import { activityLogNotice } from '@/lib/reset/accountability';
import { noticeRecipients } from '@/lib/notify/recipients';
import { STATE_LABEL } from '@/lib/people/labels';
import { remaining } from '@/lib/reset/rate-limit';
import { utcDateTime } from '@/lib/text/utc';

/** The tab names the person (lib/people/person-title.ts). */
export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { org, user } = await params;
  return { title: await personTitle(decodeURIComponent(org), decodeURIComponent(user)) };
}

interface Params {
  org: string;
  user: string;
}

export default async function PersonPage({ params }: { params: Promise<Params> }) {
  const actor = await requireActor();
  const { org, user } = await params;
  const organization = organizationOf(actor, decodeURIComponent(org));
  if (!organization) notFound();
  const wording = wordingFor(organization.organizationId);

  let target: NonNullable<Awaited<ReturnType<typeof findTarget>>> & { aliases: string[] };
  let shownGroups: string[];
  try {
    // Unknown and out of scope are told apart by nothing, not even the work done (lib/people/target.ts).
    const found = await findTarget(organization, decodeURIComponent(user), { fresh: false });
    // Out of scope answers exactly like unknown, so a lead cannot learn who exists elsewhere.
    if (!found || !can(actor, 'view', found).allowed) notFound();
    const [aliases, groups] = await Promise.all([
      directory().aliasesOf(organization.organizationId, found.id),
      groupsOf(organization.organizationId, found.id),
    ]);
    target = { ...found, aliases };
    shownGroups = groups;
  } catch (err) {
    if (!(err instanceof DirectoryError)) throw err;
    return (
      <>
        <h1>Person</h1>
        <DirectoryErrorAlert error={err} wording={wording} />
      </>
    );
  }
  const reset = can(actor, 'reset', target);
  const permalink = personPath(organization.alias, target.id);
  // Shown before anyone types: the action refuses a stale sign-in anyway (lib/auth/step-up.ts).
  const stepUp = reset.allowed ? await currentStepUpReason() : null;
  // From the audit log, for anyone who may see the person; a log that cannot be read hides only this line.
  const [last, link, left] = await Promise.all([
    lastReset(organization.organizationId, target.id).catch(() => undefined),
    handoverStatus(organization.organizationId, target.id).catch(() => undefined),
    reset.allowed
      ? remaining(
          { actorSubject: actor.subject, organizationId: organization.organizationId, personId: target.id },
          config().rateLimit,
        ).catch(() => ({ operator: config().rateLimit.perActor, person: config().rateLimit.perTarget }))
      : undefined,
  ]);

  // On a phone the name, the state and the reset come first; the details follow (docs/architecture.md, "The person page").
  return (
    <div className="person-page">
      <p>
        <Link href="/users">← Back to search</Link>
      </p>
      <h1>
        <bdi>{target.displayName}</bdi>
      </h1>
      <p className="person-summary">
        <span className="person-state">{STATE_LABEL[target.state]}</span>
        {target.lockedOut ? <span> · locked out</span> : null}
        {last ? (
          <span className="last-reset">
            {' '}
            · Last reset by <bdi>{last.operatorName || last.operatorEmail}</bdi> at{' '}
            <time dateTime={last.time}>{utcDateTime(last.time)}</time>
          </span>
        ) : null}
        {link ? (
          <span className="last-link">
            {' '}
            · One-time link{' '}
            {link.openedAt ? (
              <>
                opened at <time dateTime={link.openedAt}>{utcDateTime(link.openedAt)}</time>
              </>
            ) : link.expiredAt ? (
              'expired unopened'
            ) : (
              <>
                not opened yet (works until <time dateTime={link.expiresAt}>{utcDateTime(link.expiresAt)}</time>)
              </>
            )}
          </span>
        ) : null}
      </p>
      <section aria-labelledby="reset-heading" className="panel person-reset">
        <h2 id="reset-heading">Reset password</h2>
        {reset.allowed && stepUp ? <StepUpNotice reason={stepUp} /> : null}
        {reset.allowed ? (
          <ResetForm
            organizationId={organization.organizationId}
            userId={target.id}
            binding={formBinding(organization.organizationId, target.id, actor.subject)}
            personName={target.displayName}
            personPath={permalink}
            signInName={target.email ?? target.username}
            contextWords={contextWords({
              username: target.username,
              displayName: target.displayName,
              email: target.email,
              organizationAlias: organization.alias,
            })}
            policy={passwordPolicyFor(organization.organizationId)}
            directory={{
              name: wording.name,
              requestIdLabel: wording.requestIdLabel,
              canForceChangeAtNextSignIn: capabilitiesOf(organization.organizationId).canForceChangeAtNextSignIn,
            }}
            remaining={left!}
            handoverMode={handoverMode()}
            notifiedWho={noticeRecipients(target, config().notify)}
            activityLogNotice={activityLogNotice(wording, capabilitiesOf(organization.organizationId))}
          />
        ) : (
          <p className="notice">
            <strong>You cannot reset this password.</strong> {reasonText(reset.reason, wording)}
          </p>
        )}
      </section>
      <section aria-labelledby="details-heading" className="person-details">
        <h2 id="details-heading">Details</h2>
        <PersonDetails
          person={{ ...target, groups: shownGroups }}
          organizationAlias={organization.alias}
          permalink={permalink}
          externalIdentitySource={wording.externalIdentitySource}
        />
      </section>
    </div>
  );
}
