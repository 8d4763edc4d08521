import Link from 'next/link';
import { personPath } from '@/lib/people/labels';
import { utcDateTime } from '@/lib/text/utc';
import { wordingFor } from '@/lib/portal';
import type { AuditEvent } from '@/lib/audit/types';

interface Props {
  events: AuditEvent[];
  caption: string;
  /** organization id → alias, for the organizations this operator may open person pages in. */
  aliases: ReadonlyMap<string, string>;
}

function Person({ event, aliases }: { event: AuditEvent; aliases: Props['aliases'] }) {
  if (!event.personId && !event.personEmail) return <span className="muted">—</span>;
  const text = event.personName || event.personEmail || event.personId;
  const label = <bdi>{text}</bdi>;
  const alias = event.organizationId ? aliases.get(event.organizationId) : undefined;
  return (
    <>
      {alias && event.personId ? <Link href={personPath(alias, event.personId)}>{label}</Link> : label}
      {event.personEmail && event.personEmail !== text ? (
        <div className="muted">
          <bdi>{event.personEmail}</bdi>
        </div>
      ) : null}
    </>
  );
}

const REQUIRE_CHANGE_WORDS: Record<string, string> = {
  applied: 'required',
  refused: 'asked for, refused by the directory',
  'not-asked': 'not required (the operator unticked it)',
  unsupported: 'impossible in this directory',
};

/** The rest of an event, on demand. */
function More({ event }: { event: AuditEvent }) {
  const rows: Array<[string, string | null]> = [
    ['Event', `${event.id} · ${event.type}`],
    ['Operator role', event.actorRole],
    ['Organization', event.organizationId],
    ['Error code', event.errorCode],
    ['Directory’s own code', event.providerCode],
    ['Password change at next sign-in', event.requireChange ? (REQUIRE_CHANGE_WORDS[event.requireChange] ?? event.requireChange) : null],
    // Only directory calls carry a request id: the label is looked up for those alone.
    [event.requestId ? wordingFor(event.organizationId ?? '').requestIdLabel : '', event.requestId],
    ['Reason or ticket', event.reason],
    ['Client IP', event.clientIp],
    ['User agent', event.userAgent],
    ['Hash', event.hash],
  ];
  return (
    <details>
      <summary>
        More<span className="visually-hidden"> about event {event.id}</span>
      </summary>
      <dl className="details">
        {rows
          .filter((r): r is [string, string] => Boolean(r[1]))
          .map(([k, v]) => (
            <div key={k} className="contents">
              <dt>{k}</dt>
              <dd className="wrap">
                <bdi>{v}</bdi>
              </dd>
            </div>
          ))}
      </dl>
    </details>
  );
}

export function AuditTable({ events, caption, aliases }: Props) {
  return (
    <table className="users audit">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Operator</th>
          <th scope="col">Person</th>
          <th scope="col">Outcome</th>
          <th scope="col">Details</th>
        </tr>
      </thead>
      <tbody>
        {events.map((e) => (
          <tr key={e.id}>
            <td>
              <time dateTime={e.time}>{utcDateTime(e.time)}</time>
            </td>
            <td>
              <bdi>{e.actorName}</bdi>
              {e.actorEmail ? (
                <div className="muted">
                  <bdi>{e.actorEmail}</bdi>
                </div>
              ) : null}
            </td>
            <td>
              <Person event={e} aliases={aliases} />
            </td>
            <td>
              <span className={`outcome outcome-${e.outcome}`}>{e.outcome}</span>
              {e.errorCode ? <div className="muted">{e.errorCode}</div> : null}
            </td>
            <td>
              <More event={e} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
