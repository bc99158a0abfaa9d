// @vitest-environment jsdom
import { act, cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { peer, snapshot } from './support/fixtures';
import { withFakeLayout } from './support/fake-layout';
import { showContacts } from './support/main-tabs';
import { renderWindow } from './support/render-window';

withFakeLayout();
afterEach(cleanup);

const bob = peer({ nickname: 'Bob', user: 'bob', host: 'bobbox' });
const carol = peer({ nickname: 'Carol', user: 'carol', host: 'carolbox' });

describe('a contact whose key the user verified (issue 12)', () => {
  it('says Verified on its row, and only on its row, once main says so', async () => {
    const { fake } = await renderWindow({
      snapshot: snapshot({ self: { ...snapshot().self, language: 'en' }, peers: [bob, carol] }),
    });
    await showContacts();
    expect(await screen.findByRole('listitem', { name: 'Bob Online' })).toBeTruthy();
    expect(screen.queryByText('✓ Verified')).toBeNull();
    await act(async () => fake.emit([{ type: 'peer', peer: { ...bob, keyVerified: true } }]));
    expect(await screen.findByRole('listitem', { name: 'Bob Verified Online' })).toBeTruthy();
    expect(screen.getByRole('listitem', { name: 'Carol Online' })).toBeTruthy();
    expect(screen.getAllByText('✓ Verified')).toHaveLength(1);
  });

  it('speaks Chinese', async () => {
    await renderWindow({ snapshot: snapshot({ peers: [{ ...bob, keyVerified: true }] }) });
    await showContacts();
    expect(await screen.findByRole('listitem', { name: 'Bob 已验证 在线' })).toBeTruthy();
  });
});
