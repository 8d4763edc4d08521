'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';

export function OrganizationPicker({ organizations, current }: { organizations: Array<{ alias: string }>; current: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  return (
    <div className="field">
      <label htmlFor="organization">Organization</label>
      <select
        id="organization"
        value={current}
        onChange={(event) => {
          const next = new URLSearchParams(params);
          next.set('org', event.target.value);
          next.delete('page');
          next.delete('cursor');
          router.replace(`${pathname}?${next}`);
        }}
      >
        {organizations.map((o) => (
          <option key={o.alias} value={o.alias}>
            {o.alias}
          </option>
        ))}
      </select>
    </div>
  );
}
