/** Said where a demo model's page would offer a reproduce recipe and a citation: it has neither, and why. */
export function NotCitable() {
  return (
    <p className="notice" role="note">
      <strong>Demo model: not a citable result.</strong> Its numbers are generated placeholders, so there is no reproduce recipe and no
      BibTeX.
    </p>
  );
}
