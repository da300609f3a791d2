/** Marks of demo placeholders: nothing on the site may pose as a measured score of a real model. */
export function DemoBadge() {
  return (
    <span className="badge badge-demo" title="Demo placeholder: not a measured score">
      demo<span className="visually-hidden"> data, not a measured score</span>
    </span>
  );
}

export function DemoBanner({ what = "This page shows demo data" }: { what?: string }) {
  return (
    <div className="demo-banner" role="note" aria-label="Demo data">
      <strong>Demo data.</strong> {what}: rows marked <DemoBadge /> are generated placeholders, not measured scores of real models. They
      disappear from the board as soon as real evaluations are published.
    </div>
  );
}
