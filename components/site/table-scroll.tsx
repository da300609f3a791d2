/**
 * A table wider than a phone scrolls inside this box, never the page. The box is a named region that the keyboard can
 * reach (a scrollable region must be focusable: axe's scrollable-region-focusable).
 */
export function TableScroll({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
