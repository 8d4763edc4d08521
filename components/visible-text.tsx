import { visibleSegments } from '@/lib/text/visible';

/**
 * Directory text for inspection: isolated from the text around it, with every invisible character
 * shown as a marked escape such as ⟨U+202E⟩ (lib/text/visible.ts).
 */
export function VisibleText({ text }: { text: string }) {
  return (
    <bdi>
      {visibleSegments(text).map((s, i) =>
        'escape' in s ? (
          <span key={i} className="escape" title="Invisible character">
            ⟨{s.escape}⟩
          </span>
        ) : (
          s.text
        ),
      )}
    </bdi>
  );
}
