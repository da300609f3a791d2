/** A citation in three forms, each shown as text and offered as a file (data: links, no JavaScript needed). */
type Props = {
  /** What is being cited, for headings and file names ("snapshot 0123…", "result 42"). */
  label: string;
  fileStem: string;
  bibtex: string;
  csl: unknown[];
  text: string;
};

const dataUrl = (type: string, body: string) => `data:${type};charset=utf-8,${encodeURIComponent(body)}`;

export function CitationBlock({ label, fileStem, bibtex, csl, text }: Props) {
  const cslJson = JSON.stringify(csl, null, 2);
  const forms = [
    { id: "bibtex", title: "BibTeX", body: bibtex, file: `${fileStem}.bib`, type: "application/x-bibtex" },
    { id: "csl", title: "CSL-JSON", body: cslJson, file: `${fileStem}.json`, type: "application/vnd.citationstyles.csl+json" },
    { id: "text", title: "Plain text", body: text, file: `${fileStem}.txt`, type: "text/plain" },
  ];
  return (
    <section className="citation" aria-labelledby={`cite-${fileStem}`}>
      <h2 id={`cite-${fileStem}`}>Cite {label}</h2>
      <p className="muted">Each form includes the benchmark&apos;s paper: cite both.</p>
      {/* The files are offered outside the summaries: a link inside a summary is a control inside a control. */}
      <p className="citation-download">
        Download:{" "}
        {forms.map((f, i) => (
          <span key={f.id}>
            {i > 0 ? " · " : ""}
            <a href={dataUrl(f.type, f.body)} download={f.file}>
              {f.title} ({f.file})
            </a>
          </span>
        ))}
      </p>
      {forms.map((f) => (
        <details key={f.id} open={f.id === "bibtex"}>
          <summary>{f.title}</summary>
          <pre className="citation-text" tabIndex={0}>
            <code>{f.body}</code>
          </pre>
        </details>
      ))}
    </section>
  );
}
