'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useRef } from 'react';

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

  // A choice made before the page's script ran (a slow phone) sits in the field unseen by React:
  // act on it once the script runs, as the search field does with early typing.
  useEffect(() => {
    const chosen = select.current?.value;
    if (chosen && chosen !== current) choose(chosen);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when the page becomes interactive
  }, []);

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
