import { act, fireEvent, screen } from '@testing-library/react';

/** The main window opens on Chats; tests of the contact list switch to it first. */
export async function showContacts(): Promise<void> {
  const tab = await screen.findByRole('tab', { name: /^(Contacts|联系人)$/ });
  await act(async () => {
    fireEvent.click(tab);
  });
}
