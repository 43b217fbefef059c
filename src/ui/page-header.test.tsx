import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { type Crumb, PageHeader } from './page-header';

function trailOf(trail: readonly Crumb[]) {
  render(
    <MemoryRouter>
      <PageHeader title="orders" trail={trail} />
    </MemoryRouter>,
  );
  return screen.getByRole('navigation', { name: 'Breadcrumbs' });
}

describe('PageHeader', () => {
  it.each<[string, Crumb[], string, string[]]>([
    [
      'ends on the page itself',
      [
        { label: 'Meshes', to: '/meshes' },
        { label: 'default', to: '/meshes/default' },
        { label: 'orders' },
      ],
      'Meshes / default / orders',
      ['/meshes', '/meshes/default'],
    ],
    [
      'ends on a link: a trailing separator',
      [
        { label: 'Meshes', to: '/meshes' },
        { label: 'Dataplanes', to: '/dataplanes' },
      ],
      'Meshes / Dataplanes /',
      ['/meshes', '/dataplanes'],
    ],
    ['one step', [{ label: 'Meshes', to: '/meshes' }], 'Meshes /', ['/meshes']],
  ])('trail %s', (_label, trail, text, hrefs) => {
    const nav = trailOf(trail);
    expect(nav.textContent).toBe(text);
    expect(
      within(nav)
        .queryAllByRole('link')
        .map((link) => link.getAttribute('href')),
    ).toEqual(hrefs);
    const current = nav.querySelector('[aria-current="page"]');
    expect(current?.textContent ?? null).toBe(trail.at(-1)?.to === undefined ? 'orders' : null);
  });

  it('puts kind and status in the one heading, subtitle and actions beside it', () => {
    render(
      <MemoryRouter>
        <PageHeader
          title="edge"
          kind={<span>built-in gateway</span>}
          status={<span>Online</span>}
          subtitle="mesh default"
          actions={<button type="button">Edit</button>}
        />
      </MemoryRouter>,
    );
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(
      'edge built-in gateway Online',
    );
    expect(screen.getByText('mesh default')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Edit' }).closest('.page-header__actions'),
    ).not.toBeNull();
    expect(screen.queryByRole('navigation')).toBeNull();
  });
});
