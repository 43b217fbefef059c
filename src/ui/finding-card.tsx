import { Link } from 'react-router';
import type { Finding } from '../diagnosis';
import { findingActionHref, resourceHref } from '../lib/fix-links';
import './findings.css';

interface FindingCardProps {
  finding: Finding;
  /** The `data-testid` the screen's tests find it by. */
  testId?: string;
  /** Appeared since the previous refresh: highlighted once. */
  fresh?: boolean;
  /** Evidence open from the start (errors are, on the mesh check). */
  evidenceOpen?: boolean;
  /** Link to the resource the finding is about (off where the screen is that resource). */
  linkSubject?: boolean;
}

/**
 * One diagnosis finding as every screen shows it: what clients see, the evidence, the fix in
 * words and, where the fix is a resource, a link to the form that makes it.
 */
export function FindingCard({
  finding,
  testId = 'finding',
  fresh = false,
  evidenceOpen = false,
  linkSubject = true,
}: FindingCardProps) {
  const subject = linkSubject ? resourceHref(finding.subject) : undefined;
  const action = findingActionHref(finding);
  return (
    <li
      className={`card finding finding--${finding.severity}${fresh ? ' finding--new' : ''}`}
      data-testid={testId}
      data-rule={finding.rule}
      data-severity={finding.severity}
    >
      <div className="finding__head">
        <span className={`pill finding__severity finding__severity--${finding.severity}`}>
          {finding.severity}
        </span>
        <h3>{finding.title}</h3>
      </div>
      <p>
        <strong>Symptom:</strong> {finding.symptom}
      </p>
      <details open={evidenceOpen}>
        <summary>Evidence</summary>
        <ul>
          {finding.evidence.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </details>
      <p>
        <strong>Fix:</strong> {finding.fix}
      </p>
      {(subject || action) && (
        <p className="finding__links">
          {subject && (
            <Link to={subject}>
              Open {finding.subject.type} {finding.subject.name}
            </Link>
          )}
          {action && <Link to={action.href}>{action.label}</Link>}
        </p>
      )}
    </li>
  );
}
