import { Fragment, type ReactNode } from 'react';
import { Link } from 'react-router';
import './page-header.css';

/** One step of the breadcrumb trail: a link, or plain text for the page itself. */
export interface Crumb {
  label: ReactNode;
  /** Leave out for the current page (marked `aria-current`). */
  to?: string;
}

export interface PageHeaderProps {
  /** The page's one `h1`. */
  title: ReactNode;
  /** From the top (e.g. Meshes / mesh / Gateways); the current page, if listed, comes last. */
  trail?: readonly Crumb[];
  /** Beside the title: what kind of thing this is (a `Pill`). */
  kind?: ReactNode;
  /** Beside the title: its health (a `StatusBadge`). */
  status?: ReactNode;
  /** A muted line under or beside the title: its mesh, or what the page is for. */
  subtitle?: ReactNode;
  /** Buttons and links acting on the page's subject, at the row's end. */
  actions?: ReactNode;
  /** Extra facts below the title row (stored name, summary badges). */
  children?: ReactNode;
  /** For test ids and styles of a page's own header. */
  className?: string;
}

function Trail({ trail }: { trail: readonly Crumb[] }) {
  // A trail that ends on a link (the page itself not listed) ends with a separator, as a path.
  const open = trail[trail.length - 1]?.to !== undefined;
  return (
    <nav className="breadcrumbs page-header__name" aria-label="Breadcrumbs">
      {trail.map((crumb, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a trail's steps are positional
        <Fragment key={index}>
          {index > 0 ? ' / ' : null}
          {crumb.to === undefined ? (
            <span aria-current="page">{crumb.label}</span>
          ) : (
            <Link to={crumb.to}>{crumb.label}</Link>
          )}
        </Fragment>
      ))}
      {open ? ' /' : null}
    </nav>
  );
}

/**
 * The top of every page: the breadcrumb trail, the title with its kind and status, a muted
 * subtitle and the page's actions, laid out the same everywhere. Names in titles and trails are
 * user input (hashed on a global control plane), so they wrap anywhere rather than overflow.
 */
export function PageHeader({
  title,
  trail,
  kind,
  status,
  subtitle,
  actions,
  children,
  className,
}: PageHeaderProps) {
  return (
    <>
      {trail && trail.length > 0 && <Trail trail={trail} />}
      <div className={className ? `page-header ${className}` : 'page-header'}>
        <div className="page-header__main">
          <h1 className="page-header__name">
            {title}
            {kind ? <> {kind}</> : null}
            {status ? <> {status}</> : null}
          </h1>
          {subtitle ? <div className="muted page-header__name">{subtitle}</div> : null}
          {children}
        </div>
        {actions ? <div className="page-header__actions">{actions}</div> : null}
      </div>
    </>
  );
}
