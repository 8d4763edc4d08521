/**
 * The IAM policy against the code: the actions in docs/iam-policy.json are exactly the WorkMail
 * operations the adapter imports, and exactly the ones it is seen calling on the emulator.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../emulators/workmail/server';
import { directoryOnEmulator } from '../../../test/workmail-directory';
import { readPolicyFile } from '../../access/policy';
import { upgradeFirstReleasePolicy } from './first-release-policy';
import type { WorkMailDirectory } from './directory';
import { iamPolicy, WORKMAIL_ACTIONS, workmailOrganizations } from './permissions';
import { EXAMPLE_ORG_ID } from '../../../emulators/workmail/seed';

const ORG = EXAMPLE_ORG_ID;
const sorted = (list: Iterable<string>) => [...new Set(list)].sort();

/** Every WorkMail operation named in the SDK imports of the portal's own code (tests left out). */
function importedOperations(): string[] {
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? files(join(dir, e.name)) : /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
    );
  const operations: string[] = [];
  for (const file of ['lib', 'app', 'components'].flatMap(files)) {
    for (const [, names] of readFileSync(file, 'utf8').matchAll(/import\s*\{([^}]*)\}\s*from\s*'@aws-sdk\/client-workmail'/g)) {
      for (const name of names!.split(',').map((n) => n.trim().replace(/^type\s+/, ''))) {
        const op = /^(\w+)Command$/.exec(name)?.[1] ?? /^paginate(\w+)$/.exec(name)?.[1];
        if (op) operations.push(op);
      }
    }
  }
  return sorted(operations);
}

describe('the IAM policy for the portal role', () => {
  it('allows exactly the WorkMail operations the code imports', () => {
    expect(importedOperations()).toEqual(sorted(WORKMAIL_ACTIONS));
  });

  it('is what docs/iam-policy.json holds for the demo access policy: no wildcard, only its organizations', () => {
    const doc = JSON.parse(readFileSync('docs/iam-policy.json', 'utf8'));
    const demo = readPolicyFile('config/access-policy.demo.json', upgradeFirstReleasePolicy);
    expect(doc).toEqual(iamPolicy(workmailOrganizations(demo.organizations), '111122223333'));
    const [statement] = doc.Statement;
    expect(doc.Statement).toHaveLength(1);
    expect(statement.Effect).toBe('Allow');
    expect(statement.Action.every((a: string) => /^workmail:[A-Z][A-Za-z]+$/.test(a))).toBe(true);
    expect(statement.Resource).toEqual(
      demo.organizations.map((o) => `arn:aws:workmail:${String(o.settings.region)}:111122223333:organization/${o.id}`),
    );
    expect(JSON.stringify(doc)).not.toContain('*');
  });

  it('refuses an account id that is not one', () => {
    expect(() => iamPolicy([], '1234')).toThrow(/12 digits/);
  });
});

describe('the operations the adapter is seen calling', () => {
  let emulator: RunningEmulator;
  let directory: WorkMailDirectory;

  beforeAll(async () => {
    ({ emulator, directory } = await directoryOnEmulator());
  });
  afterAll(() => emulator.close());

  it('are all in the policy, and the policy holds nothing it does not call', async () => {
    const jane = (await directory.getPerson(ORG, 'jane.doe@example.com'))!;
    await directory.listPeople(ORG, { limit: 10 });
    await directory.allPeople(ORG);
    await directory.findByPrefix(ORG, 'ja');
    await directory.groupsOf(ORG, jane.id);
    await directory.aliasesOf(ORG, jane.id);
    await directory.membersOf(ORG, 'engineering');
    await directory.resetPassword(ORG, jane.id, 'Harbor-Quartz-Pelican-31');
    const called = sorted(emulator.state.calls.list({}).map((c) => c.operation));
    expect(called).toEqual(sorted(WORKMAIL_ACTIONS));
  });
});
