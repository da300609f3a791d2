// The mark on an owner's view of something private, and the confirmation form that publishes it (no script needed).
export function PrivateBanner({ what, hidden = false, wholePage = true }: { what: string; hidden?: boolean; wholePage?: boolean }) {
  return (
    <p className="notice" role="note" data-testid="private-banner">
      <strong>{hidden ? "Hidden by a moderator" : "Private"} — only you can see this.</strong> {what} is not on the public board
      {wholePage ? "; to anyone else this page is a 404" : ""}.
    </p>
  );
}

type PublishProps = { action: string; what: "result" | "model" };

export function PublishForm({ action, what }: PublishProps) {
  const subject = what === "result" ? "this result (and its model)" : "this model and its current results";
  return (
    <section className="card" aria-labelledby="publish-heading">
      <h2 id="publish-heading">Publish {what === "result" ? "this result" : "this model"}</h2>
      <p>
        Publishing puts {subject} on the public board, ranked and citable. It cannot be made private again. Each published result says how
        many private evaluations of your models on its benchmark were made before it was published; earlier private attempts stay private
        and stay counted.
      </p>
      <form method="post" action={action}>
        <p>
          <label>
            <input type="checkbox" name="confirm" value="yes" required /> I understand that {subject} become public for good
          </label>
        </p>
        <button type="submit">Publish</button>
      </form>
    </section>
  );
}
