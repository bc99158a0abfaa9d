import { memo } from 'react';
import { linkRuns } from '../../format/message-links';
import { splitQuote } from '../../format/quote';
import { SharedFolderLink } from './SharedFolderLink';

/** Text with its web addresses and shared folders as links. */
function Linked({ text }: { text: string }) {
  return linkRuns(text).map((run, index) => {
    if (run.folder) return <SharedFolderLink key={index} path={run.folder} />;
    return run.href ? (
      <a key={index} href={run.href} target="_blank" rel="noreferrer noopener">
        {run.text}
      </a>
    ) : (
      run.text
    );
  });
}

/**
 * A message's text with its web addresses as links. A link opens in the browser: the
 * desktop app hands every new window to its http(s)-only helper, a browser opens a tab.
 * A reply that quotes another message shows the quote as a block above it.
 */
export const MessageText = memo(function MessageText({ text }: { text: string }) {
  const { quote, reply } = splitQuote(text);
  return (
    <>
      {quote !== undefined && (
        <blockquote className="message-quote">
          <Linked text={quote} />
        </blockquote>
      )}
      <p className="message-text">
        <Linked text={reply} />
      </p>
    </>
  );
});
