import Link from 'next/link';
import { OUTCOMES } from '@/lib/audit/filter';
import { OUTCOME_LABEL } from '@/lib/audit/words';

export interface FilterValues {
  operator?: string;
  person?: string;
  outcome?: string;
  from?: string;
  to?: string;
}

/** A plain GET form: the filters land in the URL, so a view can be bookmarked and shared. */
export function AuditFilters({ values, showOperator }: { values: FilterValues; showOperator: boolean }) {
  return (
    <form method="get" action="/audit" className="toolbar" aria-label="Filter the audit log">
      {showOperator ? (
        <div className="field">
          <label htmlFor="audit-operator">Operator</label>
          <input
            id="audit-operator"
            name="operator"
            type="search"
            defaultValue={values.operator}
            maxLength={200}
            placeholder="Name or email"
          />
        </div>
      ) : null}
      <div className="field">
        <label htmlFor="audit-person">Person</label>
        <input id="audit-person" name="person" type="search" defaultValue={values.person} maxLength={200} placeholder="Name, email or id" />
      </div>
      <div className="field">
        <label htmlFor="audit-outcome">Outcome</label>
        <select id="audit-outcome" name="outcome" defaultValue={values.outcome ?? ''}>
          <option value="">Any</option>
          {OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {OUTCOME_LABEL[o] ?? o}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="audit-from">From (UTC)</label>
        <input id="audit-from" name="from" type="date" defaultValue={values.from} />
      </div>
      <div className="field">
        <label htmlFor="audit-to">To (UTC)</label>
        <input id="audit-to" name="to" type="date" defaultValue={values.to} />
      </div>
      <button type="submit" className="button">
        Apply filters
      </button>
      <Link href="/audit">Clear filters</Link>
    </form>
  );
}
