import { memo } from 'react';
import { linkRuns } from '../../format/message-links';

/**
 * A message's text with its web addresses as links. A link opens in the browser: the
 * desktop app hands every new window to its http(s)-only helper, a browser opens a tab.
 */
export const MessageText = memo(function MessageText({ text }: { text: string }) {
  return (
    <p className="message-text">
      {linkRuns(text).map((run, index) =>
        run.href ? (
          <a key={index} href={run.href} target="_blank" rel="noreferrer noopener">
            {run.text}
          </a>
        ) : (
          run.text
        ),
      )}
    </p>
  );
});
