import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderApp } from '../../test/render-app';

beforeEach(() => localStorage.clear());
afterEach(() => vi.unstubAllGlobals());

function type(element: HTMLElement, value: string) {
  fireEvent.change(element, { target: { value } });
  fireEvent.blur(element);
}

describe('a route regex RE2 refuses (issue 12)', () => {
  it('is a warning beside the field with Go’s error, and the route is still created', async () => {
    const { backend } = renderApp('/meshes/default/gateways/edge-gateway/routes/new?kind=http');
    type(await screen.findByLabelText('Name'), 'edge-regex');
    const rule = within(await screen.findByTestId('rule-0'));
    fireEvent.change(rule.getByLabelText('Path match'), {
      target: { value: 'RegularExpression' },
    });
    type(rule.getByLabelText('Path'), '/(a)\\1');
    type(rule.getByLabelText('Backend 1: service'), 'backend');

    expect(
      await rule.findByText(
        /not valid RE2 \(error parsing regexp: invalid escape sequence: `\\1`\)/,
      ),
    ).toBeInTheDocument();

    const form = screen.getByLabelText('Name').closest('form') as HTMLElement;
    fireEvent.click(within(form).getByText('Create', { selector: 'button' }));
    await screen.findByText(/^Created: MeshHTTPRoute edge-regex/);
    expect(backend.world.store.get('MeshHTTPRoute', 'default', 'edge-regex')).toMatchObject({
      spec: {
        to: [{ rules: [{ matches: [{ path: { type: 'RegularExpression', value: '/(a)\\1' } }] }] }],
      },
    });
  });
});
