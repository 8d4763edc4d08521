/** The control API of docs/emulator.md, every endpoint, and what it refuses. */
import { describe, expect, it } from 'vitest';
import { failure, ORG, SUB_ORG, withEmulator } from './harness';

const h = withEmulator();
const PASSWORD = 'Control-Test-Passw0rd';

interface StateJson {
  organizations: Array<{
    id: string;
    alias: string;
    state: string;
    users: Array<Record<string, unknown>>;
    groups: Array<{ name: string; members: string[] }>;
  }>;
}
const state = async () => (await h.control<StateJson>('GET', '/__control/state')).json;

describe('GET /__control/state', () => {
  it('shows organizations, users, groups and memberships, and never a password or hash', async () => {
    const UserId = await h.userId('jane.doe');
    await h.call('ResetPassword', { OrganizationId: ORG, UserId, Password: PASSWORD });
    const res = await h.control('GET', '/__control/state');
    const text = JSON.stringify(res.json);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toMatch(/"(hash|salt|password)"/i);
    const example = (res.json as unknown as StateJson).organizations.find((o) => o.alias === 'example')!;
    expect(example.users.find((u) => u.name === 'jane.doe')).toMatchObject({ id: UserId, hasPassword: true, state: 'ENABLED' });
    const engineering = example.groups.find((g) => g.name === 'engineering')!;
    const platform = example.groups.find((g) => g.name === 'platform')!;
    expect(engineering.members).toContain((platform as unknown as { id: string }).id);
  });
});

describe('the demo seed', () => {
  it('holds every person of the demo seed (docs/emulator.md) with their state, role and groups', async () => {
    const example = (await state()).organizations.find((o) => o.alias === 'example')!;
    const groupsOf = (id: string) =>
      example.groups
        .filter((g) => g.members.includes(id))
        .map((g) => g.name)
        .sort();
    const table: Array<[string, string, string, string, string[]]> = [
      ['jane.doe', 'Jane Doe', 'ENABLED', 'USER', ['engineering']],
      ['john.smith', 'John Smith', 'ENABLED', 'USER', ['engineering']],
      ['priya.patel', 'Priya Patel', 'ENABLED', 'USER', ['platform']],
      ['sam.lee', 'Sam Lee', 'DISABLED', 'USER', ['engineering']],
      ['maria.garcia', 'Maria Garcia', 'ENABLED', 'USER', ['sales']],
      ['tom.brown', 'Tom Brown', 'ENABLED', 'USER', ['sales']],
      ['erin.exec', 'Erin Exec', 'ENABLED', 'USER', ['engineering', 'executives']],
      ['alice', 'Alice Admin', 'ENABLED', 'USER', ['it-admins']],
      ['bob', 'Bob Lead', 'ENABLED', 'USER', ['engineering']],
      ['carol', 'Carol Lead', 'ENABLED', 'USER', ['sales']],
      ['conf.room.1', 'Conference Room 1', 'ENABLED', 'RESOURCE', []],
      ['journal', 'Journaling', 'ENABLED', 'SYSTEM_USER', []],
      ['ivy.center', 'Ivy Center', 'ENABLED', 'USER', ['engineering']],
    ];
    for (const [name, displayName, st, role, groups] of table) {
      const u = example.users.find((x) => x.name === name);
      expect(u, name).toMatchObject({ displayName, state: st, role, email: `${name}@example.com` });
      expect(groupsOf(u!.id as string), name).toEqual(groups);
    }
    expect(example.users.find((u) => u.name === 'ivy.center')!.identityProviderUserId).toBeTruthy();
    expect(example.users.filter((u) => u.identityProviderUserId)).toHaveLength(1);
    expect(example.users.length).toBeGreaterThanOrEqual(13 + 25);
    const platform = example.groups.find((g) => g.name === 'platform') as unknown as { id: string };
    expect(example.groups.find((g) => g.name === 'engineering')!.members).toContain(platform.id);
    const sub = (await state()).organizations.find((o) => o.alias === 'subsidiary')!;
    expect(sub.id).toBe(SUB_ORG);
    expect(sub.users.length).toBeGreaterThanOrEqual(3);
  });

  it('gives the same ids on every start, so links stay valid', async () => {
    const first = await h.userId('jane.doe');
    await h.control('POST', '/__control/reset');
    expect(await h.userId('jane.doe')).toBe(first);
  });
});

describe('POST /__control/reset and /__control/seed', () => {
  it('reset brings back the seed and clears faults and the calls log', async () => {
    await h.call('DeregisterFromWorkMail', { OrganizationId: ORG, EntityId: 'tom.brown' });
    await h.control('POST', '/__control/faults', { operation: '*', latencyMs: 1 });
    expect((await h.control('POST', '/__control/reset')).json).toEqual({ ok: true });
    expect((await h.call('DescribeUser', { OrganizationId: ORG, UserId: 'tom.brown' })).State).toBe('ENABLED');
    expect((await h.control<{ faults: unknown[] }>('GET', '/__control/faults')).json.faults).toEqual([]);
    expect(await h.calls()).toHaveLength(1);
  });

  it('seed replaces the state with a document', async () => {
    const res = await h.control('POST', '/__control/seed', {
      organizations: [
        {
          id: ORG,
          alias: 'solo',
          defaultMailDomain: 'solo.example',
          groups: [{ name: 'team' }],
          users: [{ name: 'only.one', displayName: 'Only One', groups: ['team'] }],
        },
      ],
    });
    expect(res.json).toEqual({ ok: true, organizations: 1 });
    const users = (await h.call('ListUsers', { OrganizationId: ORG })).Users as Array<{ Email: string }>;
    expect(users.map((u) => u.Email)).toEqual(['only.one@solo.example']);
  });

  it('seed refuses a bad document with a message and keeps the old state', async () => {
    for (const body of [
      { organizations: [{ id: 'bad', alias: 'x', defaultMailDomain: 'x.example' }] },
      {
        organizations: [
          { id: ORG, alias: 'x', defaultMailDomain: 'x.example', users: [{ name: 'a', displayName: 'A', groups: ['missing'] }] },
        ],
      },
    ]) {
      const res = await h.control<{ error: string }>('POST', '/__control/seed', body);
      expect(res.status).toBe(400);
      expect(res.json.error.length).toBeGreaterThan(5);
    }
    expect(await h.userId('jane.doe')).toBeTruthy();
  });
});

describe('POST /__control/generate', () => {
  it('adds people, optionally into a group, by organization id or alias', async () => {
    const res = await h.control<{ added: number; total: number }>('POST', '/__control/generate', {
      organization: 'example',
      users: 500,
      group: 'generated',
    });
    expect(res.json.added).toBe(500);
    const again = await h.control<{ added: number; total: number }>('POST', '/__control/generate', { organization: ORG, users: 10 });
    expect(again.json.total).toBe(res.json.total + 10);
    const members = await h.call('ListGroupMembers', { OrganizationId: ORG, GroupId: 'generated', MaxResults: 100 });
    expect(members.Members).toHaveLength(100);
  });

  it('refuses an unknown organization and a bad count', async () => {
    expect((await h.control('POST', '/__control/generate', { organization: 'nowhere', users: 5 })).status).toBe(404);
    expect((await h.control('POST', '/__control/generate', { organization: 'example', users: -1 })).status).toBe(400);
  });
});

describe('faults', () => {
  it('fail the next `times` calls of one operation with any error and status, then stop', async () => {
    const add = await h.control('POST', '/__control/faults', {
      operation: 'DescribeUser',
      error: 'DirectoryUnavailableException',
      status: 400,
      message: 'Directory away',
      times: 2,
    });
    expect(add.status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const err = await failure(h.call('DescribeUser', { OrganizationId: ORG, UserId: 'jane.doe' }));
      expect(err.name).toBe('DirectoryUnavailableException');
      expect(err.message).toBe('Directory away');
    }
    expect((await h.call('DescribeUser', { OrganizationId: ORG, UserId: 'jane.doe' })).Name).toBe('jane.doe');
    expect((await h.call('ListOrganizations', {})).OrganizationSummaries).toHaveLength(2);
  });

  it('apply to every operation with *, with a chosen status, until cleared', async () => {
    await h.control('POST', '/__control/faults', { operation: '*', error: 'InternalFailure', status: 500 });
    for (const op of ['ListOrganizations', 'ListUsers']) {
      const err = await failure(h.call(op, { OrganizationId: ORG }));
      expect(err.$metadata?.httpStatusCode).toBe(500);
    }
    expect((await h.control('DELETE', '/__control/faults')).json).toEqual({ ok: true });
    expect((await h.call('ListOrganizations', {})).OrganizationSummaries).toHaveLength(2);
  });

  it('with every: n, apply to every n-th call only, the others falling through to the next fault', async () => {
    await h.control('POST', '/__control/faults', { operation: 'DescribeUser', error: 'ThrottlingException', every: 3 });
    await h.control('POST', '/__control/faults', { operation: '*', latencyMs: 1 });
    const outcomes: string[] = [];
    for (let i = 0; i < 6; i++) {
      outcomes.push(
        await h.call('DescribeUser', { OrganizationId: ORG, UserId: 'jane.doe' }).then(
          () => 'ok',
          (err: Error) => err.name,
        ),
      );
    }
    expect(outcomes).toEqual(['ok', 'ok', 'ThrottlingException', 'ok', 'ok', 'ThrottlingException']);
    await h.control('DELETE', '/__control/faults');
  });

  it('delay calls by latencyMs', async () => {
    await h.control('POST', '/__control/faults', { operation: 'ListOrganizations', latencyMs: 300, times: 1 });
    const started = performance.now();
    await h.call('ListOrganizations', {});
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('are listed, and a bad fault is refused with a message', async () => {
    await h.control('POST', '/__control/faults', { operation: 'ListUsers', error: 'ThrottlingException' });
    expect((await h.control<{ faults: unknown[] }>('GET', '/__control/faults')).json.faults).toEqual([
      { operation: 'ListUsers', error: 'ThrottlingException' },
    ]);
    for (const bad of [
      { operation: 'ListUsers' },
      { operation: 'list users', error: 'X' },
      { operation: '*', error: 'X', status: 200 },
      { operation: '*', error: 'X', bogus: 1 },
    ]) {
      const res = await h.control<{ error: string }>('POST', '/__control/faults', bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.json.error).toBeTruthy();
    }
  });
});

describe('verify-password and the calls log', () => {
  it('verify-password answers match true only for the password set, by id, username or email', async () => {
    const UserId = await h.userId('john.smith');
    await h.call('ResetPassword', { OrganizationId: ORG, UserId, Password: PASSWORD });
    for (const userId of [UserId, 'john.smith', 'john.smith@example.com']) {
      expect((await h.control('POST', '/__control/verify-password', { organizationId: ORG, userId, password: PASSWORD })).json).toEqual({
        match: true,
      });
    }
    expect(
      (await h.control('POST', '/__control/verify-password', { organizationId: 'example', userId: UserId, password: 'other' })).json,
    ).toEqual({ match: false });
    expect((await h.control('POST', '/__control/verify-password', { organizationId: ORG, userId: 'ghost', password: 'x' })).status).toBe(
      404,
    );
  });

  it('the calls log records time, operation, key, input without secrets and outcome; filters; clears', async () => {
    const UserId = await h.userId('john.smith');
    await h.call('ResetPassword', { OrganizationId: ORG, UserId, Password: PASSWORD });
    await failure(h.call('ResetPassword', { OrganizationId: ORG, UserId, Password: 'weak' }));
    const resets = await h.calls('ResetPassword');
    expect(resets.map((c) => c.outcome)).toEqual(['ok', 'InvalidPasswordException']);
    expect(resets[0]).toMatchObject({
      accessKeyId: 'AKIAEMULATORDEMO0001',
      status: 200,
      input: { OrganizationId: ORG, UserId, Password: '[REDACTED]' },
    });
    expect(Date.parse(resets[0]!.time)).toBeGreaterThan(Date.now() - 60_000);
    const all = JSON.stringify(await h.calls());
    expect(all).not.toContain(PASSWORD);
    expect(all).not.toContain('weak');
    const since = resets[1]!.time;
    expect((await h.control<{ calls: unknown[] }>('GET', `/__control/calls?since=${encodeURIComponent(since)}`)).json.calls).toHaveLength(
      1,
    );
    await h.control('DELETE', '/__control/calls');
    expect(await h.calls()).toEqual([]);
  });
});

describe('control API errors', () => {
  it('answers 404 for an unknown endpoint, 405 for a wrong method, 400 for broken JSON', async () => {
    expect((await h.control('GET', '/__control/nothing')).status).toBe(404);
    expect((await h.control('PUT', '/__control/state')).status).toBe(405);
    const res = await fetch(`${h.emulator.url}/__control/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{oops',
    });
    expect(res.status).toBe(400);
    expect((await h.control('POST', `/__control/organizations/nowhere/state`, { state: 'Active' })).status).toBe(404);
  });
});

describe('control API against cross-site requests', () => {
  const post = (path: string, headers: Record<string, string>, body?: string) =>
    fetch(`${h.emulator.url}${path}`, { method: 'POST', headers, body });

  it('refuses a text/plain POST (a form or no-cors fetch from any page) and changes nothing', async () => {
    await h.control('POST', '/__control/organizations/example/state', { state: 'Inactive' });
    const res = await post('/__control/reset', { 'content-type': 'text/plain' }, '{}');
    expect(res.status).toBe(415);
    expect(((await res.json()) as { error: string }).error).toContain('application/json');
    const example = (await state()).organizations.find((o) => o.alias === 'example')!;
    expect(example.state).toBe('Inactive');
  });

  it.each([
    ['no Content-Type', {}],
    ['a form', { 'content-type': 'application/x-www-form-urlencoded' }],
    ['multipart', { 'content-type': 'multipart/form-data; boundary=x' }],
  ])('refuses a POST with %s', async (_label, headers) => {
    const res = await post('/__control/faults', headers, JSON.stringify({ operation: '*', latencyMs: 1 }));
    expect(res.status).toBe(415);
    expect((await h.control<{ faults: unknown[] }>('GET', '/__control/faults')).json.faults).toEqual([]);
  });

  it('refuses a foreign Origin on every method, even with a JSON body', async () => {
    const json = { 'content-type': 'application/json' };
    const res = await post(
      '/__control/faults',
      { ...json, origin: 'https://evil.example' },
      JSON.stringify({ operation: '*', latencyMs: 1 }),
    );
    expect(res.status).toBe(403);
    expect((await h.control<{ faults: unknown[] }>('GET', '/__control/faults')).json.faults).toEqual([]);
    for (const origin of ['https://evil.example', 'null', `http://127.0.0.1:${h.emulator.port + 1}`]) {
      const read = await fetch(`${h.emulator.url}/__control/state`, { headers: { origin } });
      expect(read.status, origin).toBe(403);
    }
  });

  it('accepts JSON from its own origin and from callers that send no Origin', async () => {
    const own = await post(
      '/__control/faults',
      { 'content-type': 'application/json', origin: h.emulator.url },
      JSON.stringify({ operation: '*', latencyMs: 1 }),
    );
    expect(own.status).toBe(200);
    const bodyless = await post('/__control/reset', { 'content-type': 'application/json; charset=utf-8' });
    expect(bodyless.status).toBe(200);
  });
});
