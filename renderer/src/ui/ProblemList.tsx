/** Every problem of a file that cannot be imported, under a heading that says nothing was saved. */
export function ProblemList({ heading, problems }: { heading: string; problems: readonly string[] }) {
  return (
    <div role="alert" className="roster-problems">
      <p className="field-error">{heading}</p>
      <ul>
        {problems.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
    </div>
  );
}
