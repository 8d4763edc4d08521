import Link from 'next/link';
import { personPath } from '@/lib/people/labels';
import { wordingFor } from '@/lib/portal';
import type { AuditEvent } from '@/lib/audit/types';
import { outcomeWords } from '@/lib/audit/words';
import { LocalTime } from './local-time';

interface Props {
  events: AuditEvent[];
  caption: string;
  /** organization id → alias, for the organizations this operator may open person pages in. */
  aliases: ReadonlyMap<string, string>;
  /** Admins only: a lead's log holds their own events, so an Operator column would always say "you". */
  showOperator: boolean;
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
        <div className="muted wrap">
          <bdi>{event.personEmail}</bdi>
        </div>
      ) : null}
      {alias && aliases.size > 1 ? <div className="muted">in {alias}</div> : null}
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
function More({ event, aliases }: { event: AuditEvent; aliases: Props['aliases'] }) {
  const rows: Array<[string, string | null]> = [
    ['Event', `${event.id} · ${event.type}`],
    ['Operator role', event.actorRole],
    ['Organization', event.organizationId ? (aliases.get(event.organizationId) ?? event.organizationId) : null],
    ['Error code', event.errorCode],
    ['Directory’s own code', event.providerCode],
    ['Password change at next sign-in', event.requireChange ? (REQUIRE_CHANGE_WORDS[event.requireChange] ?? event.requireChange) : null],
    // Only directory calls carry a request id: the label is looked up for those alone.
    [event.requestId ? wordingFor(event.organizationId ?? '').requestIdLabel : '', event.requestId],
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

/** One row per event, a reset's request joined with its outcome (lib/audit/query.ts); cards on a phone (app/globals.css). */
export function AuditTable({ events, caption, aliases, showOperator }: Props) {
  return (
    <table className="users audit">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Time</th>
          {showOperator ? <th scope="col">Operator</th> : null}
          <th scope="col">Person</th>
          <th scope="col">Outcome</th>
          <th scope="col">Details</th>
        </tr>
      </thead>
      <tbody>
        {events.map((e) => (
          <tr key={e.id}>
            <td>
              <LocalTime iso={e.time} />
            </td>
            {showOperator ? (
              <td data-label="Operator">
                <bdi>{e.actorName}</bdi>
                {e.actorEmail ? (
                  <div className="muted wrap">
                    <bdi>{e.actorEmail}</bdi>
                  </div>
                ) : null}
              </td>
            ) : null}
            <td data-label="Person">
              <Person event={e} aliases={aliases} />
            </td>
            <td data-label="Outcome">
              <span className={`outcome outcome-${e.outcome}`}>{outcomeWords(e)}</span>
              {e.reason ? (
                <div className="muted wrap">
                  Reason: <bdi>{e.reason}</bdi>
                </div>
              ) : null}
            </td>
            <td>
              <More event={e} aliases={aliases} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
