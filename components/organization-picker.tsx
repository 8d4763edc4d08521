'use client';

import { usePathname, useSearchParams } from 'next/navigation';
import { useRef } from 'react';
import { useSearchNavigate } from './search-area';
import { useEarlyValue } from './use-early-value';

/** A filter: `current` is an alias, or '' for every organization (the default). */
export function OrganizationPicker({ organizations, current }: { organizations: Array<{ alias: string }>; current: string }) {
  const replace = useSearchNavigate();
  const pathname = usePathname();
  const params = useSearchParams();
  const select = useRef<HTMLSelectElement>(null);

  const choose = (alias: string) => {
    const next = new URLSearchParams(params);
    if (alias) next.set('org', alias);
    else next.delete('org');
    next.delete('page');
    next.delete('cursor');
    replace(`${pathname}${next.size ? `?${next}` : ''}`);
  };

  // Chosen before the page's script ran: switch to it rather than ignore it.
  useEarlyValue(select, current, choose);

  return (
    <div className="field">
      <label htmlFor="organization">Organization</label>
      <select ref={select} id="organization" value={current} onChange={(event) => choose(event.target.value)}>
        <option value="">All organizations</option>
        {organizations.map((o) => (
          <option key={o.alias} value={o.alias}>
            {o.alias}
          </option>
        ))}
      </select>
    </div>
  );
}
