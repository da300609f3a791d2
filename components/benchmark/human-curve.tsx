/** A "how" benchmark's human curve and where it comes from, as a table (the text a chart of it would stand for). */
import type { PsychophysicsTrack } from "@/lib/benchmarks";
import { LEVEL_NAMES, LEVELS_WITHOUT_FULL, minMaxNormalise, REVEALED_PERCENT } from "@/lib/metrics/psychophysics";

export function HumanCurve({ track }: { track: PsychophysicsTrack }) {
  const scripted = track.humanCurve.scripted;
  const normalised = scripted ? minMaxNormalise(scripted) : null;
  return (
    <>
      <p>
        {track.humanCurve.source} The score compares the model&apos;s accuracy per level (decision: {track.groups[0]} iff argmax(logits)
        &lt; {track.decisionBoundary}, else {track.groups[1]}) with this curve, both min-max normalised over the ten partial levels.
      </p>
      <div className="table-scroll" role="region" aria-label="Human curve by revealed fraction" tabIndex={0}>
        <table className="board">
          <caption>{scripted ? "Scripted human curve (synthetic, not measured)" : "Levels of the human curve"}</caption>
          <thead>
            <tr>
              <th scope="col">Level</th>
              <th scope="col">Revealed</th>
              <th scope="col">Human mean correct</th>
              <th scope="col">Normalised</th>
            </tr>
          </thead>
          <tbody>
            {LEVEL_NAMES.slice(0, LEVELS_WITHOUT_FULL).map((level, k) => (
              <tr key={level}>
                <td>{level}</td>
                <td className="num">{REVEALED_PERCENT[k].toFixed(2)}%</td>
                <td className="num">{scripted ? scripted[k].toFixed(4) : "from the data file"}</td>
                <td className="num">{normalised ? normalised[k].toFixed(3) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
