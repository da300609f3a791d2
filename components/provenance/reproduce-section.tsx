/** "Reproduce this": the exact evaluate command, what must match, and the versions the number came from. */
type Props = {
  command: string;
  steps: string[];
  versions: [label: string, value: string | null][];
};

export function ReproduceSection({ command, steps, versions }: Props) {
  return (
    <section aria-labelledby="reproduce-heading">
      <h2 id="reproduce-heading">Reproduce this</h2>
      <pre className="command" tabIndex={0}>
        <code>{command}</code>
      </pre>
      <ol>
        {steps.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ol>
      <dl className="meta-grid">
        {versions.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>
              <code>{value ?? "—"}</code>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
