import { fireEvent, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import { describe, expect, it, vi } from 'vitest';
import { FieldRows } from './fields';
import { IssueProvider } from './issues';

function Form({ rows, children }: { rows: { v: string }[]; children: ReactNode }) {
  const methods = useForm({ defaultValues: { rows } });
  return <FormProvider {...methods}>{children}</FormProvider>;
}

function Rows(props: { keepOne?: boolean; addOnlyWhenEmpty?: boolean; empty?: ReactNode }) {
  return (
    <FieldRows
      name="rows"
      legend="Rows"
      itemLabel="row"
      addText="Add row"
      newRow={(count) => ({ v: `new-${count}` })}
      {...props}
    >
      {({ index, base, remove }) => (
        <div data-testid="row">
          <span>
            {index}:{base}
          </span>
          {remove}
        </div>
      )}
    </FieldRows>
  );
}

const rowTexts = () => screen.queryAllByTestId('row').map((row) => row.textContent);

describe('FieldRows', () => {
  it('adds a row made from the count and removes the one asked for', () => {
    render(
      <Form rows={[{ v: 'a' }, { v: 'b' }]}>
        <Rows />
      </Form>,
    );
    expect(rowTexts()).toEqual(['0:rows.0Remove', '1:rows.1Remove']);
    fireEvent.click(screen.getByRole('button', { name: 'Add row' }));
    expect(rowTexts()).toHaveLength(3);
    fireEvent.click(screen.getByRole('button', { name: 'Remove row 1' }));
    expect(rowTexts()).toEqual(['0:rows.0Remove', '1:rows.1Remove']);
  });

  it.each([
    ['keeps the last row when asked', { keepOne: true }, 1, ['0:rows.0']],
    ['lets the last row go otherwise', {}, 1, ['0:rows.0Remove']],
  ])('%s', (_case, props, count, texts) => {
    render(
      <Form rows={Array.from({ length: count }, () => ({ v: 'x' }))}>
        <Rows {...props} />
      </Form>,
    );
    expect(rowTexts()).toEqual(texts);
  });

  it('with no rows shows its empty text, or only the Add button when asked', () => {
    const { unmount } = render(
      <Form rows={[]}>
        <Rows empty={<p>No rows yet.</p>} />
      </Form>,
    );
    expect(screen.getByText('No rows yet.')).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Rows' })).toBeInTheDocument();
    unmount();
    render(
      <Form rows={[]}>
        <Rows addOnlyWhenEmpty />
      </Form>,
    );
    expect(screen.queryByRole('group')).toBeNull();
    expect(screen.getByRole('button', { name: 'Add row' })).toBeInTheDocument();
  });

  it('records an add or a remove on the group, so its messages show', () => {
    const mark = vi.fn();
    render(
      <IssueProvider view={{ at: () => [], mark }}>
        <Form rows={[{ v: 'a' }]}>
          <Rows />
        </Form>
      </IssueProvider>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Remove row 1' }));
    fireEvent.click(screen.getByRole('button', { name: 'Add row' }));
    expect(mark.mock.calls).toEqual([['rows'], ['rows']]);
  });
});
