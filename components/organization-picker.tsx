'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useRef } from 'react';
import { useEarlyValue } from './use-early-value';

export function OrganizationPicker({ organizations, current }: { organizations: Array<{ alias: string }>; current: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const select = useRef<HTMLSelectElement>(null);

  const choose = (alias: string) => {
    const next = new URLSearchParams(params);
    next.set('org', alias);
    next.delete('page');
    next.delete('cursor');
    router.replace(`${pathname}?${next}`);
  };

  // Chosen before the page's script ran: switch to it rather than ignore it.
  useEarlyValue(select, current, choose);

  return (
    <div className="field">
      <label htmlFor="organization">Organization</label>
      <select ref={select} id="organization" value={current} onChange={(event) => choose(event.target.value)}>
        {organizations.map((o) => (
          <option key={o.alias} value={o.alias}>
            {o.alias}
          </option>
        ))}
      </select>
    </div>
  );
}
