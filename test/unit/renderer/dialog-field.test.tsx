// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Dialog } from '../../../src-renderer/components/common/Dialog';
import { Field } from '../../../src-renderer/components/common/Field';

afterEach(cleanup);

function Form({ error, onClose }: { error?: string; onClose(): void }) {
  return (
    <Dialog
      id="form"
      role="dialog"
      title="Add"
      intro="Two fields."
      error={error}
      cancelLabel="Cancel"
      submitLabel="Save"
      busy={false}
      onSubmit={(event) => event.preventDefault()}
      onClose={onClose}
    >
      <Field label="Host" hint="A name or an address." invalid={error !== undefined}>
        {(control) => <input {...control} />}
      </Field>
      <Field label="Name">{(control) => <input {...control} />}</Field>
    </Dialog>
  );
}

const description = (element: HTMLElement) =>
  (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent);

describe('the Dialog frame and its Fields', () => {
  it('names each control by its label and describes it by its hint, then its error', () => {
    const { rerender } = render(<Form onClose={() => {}} />);
    const dialog = screen.getByRole('dialog', { name: 'Add', description: 'Two fields.' });
    const host = within(dialog).getByRole('textbox', { name: 'Host' });
    expect(description(host)).toEqual(['A name or an address.']);
    expect(host.getAttribute('aria-invalid')).toBe('false');
    const name = within(dialog).getByRole('textbox', { name: 'Name' });
    expect(name.hasAttribute('aria-describedby')).toBe(false);
    expect(name.hasAttribute('aria-invalid')).toBe(false);

    rerender(<Form error="No host." onClose={() => {}} />);
    expect(within(dialog).getByRole('alert').textContent).toBe('No host.');
    expect(description(host)).toEqual(['No host.', 'A name or an address.']);
    expect(host.getAttribute('aria-invalid')).toBe('true');
  });

  it('closes on Cancel and on Escape', async () => {
    const onClose = vi.fn();
    render(<Form onClose={onClose} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await user.click(screen.getByRole('textbox', { name: 'Name' }));
    await user.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalledTimes(2);
  });
});
