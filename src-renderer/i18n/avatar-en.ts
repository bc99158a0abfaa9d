/** English texts of avatar pictures: the chooser in Settings → Profile and the pictures' names. */
export const avatarEn = {
  label: 'Avatar',
  choose: 'Choose picture…',
  remove: 'Remove',
  hint: 'PNG, JPEG, WebP or GIF: its middle square is shown to other Pigeons; other messengers see your initial.',
  notPicture: 'That file is not a picture Pigeon can use (PNG, JPEG, WebP or GIF).',
  tooLarge: 'That picture stays larger than 32 KB even when made small: try a simpler one.',
  failed: 'The avatar could not be saved: {{message}}',
  of: "{{name}}'s avatar",
};
