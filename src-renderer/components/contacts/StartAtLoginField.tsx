import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StartAtLoginDTO } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';
import { describeError } from '../../bridge/errors';

/**
 * "Start Pigeon when I sign in", for the desktop app's settings. Applied as soon as it
 * is ticked: it is the system's setting, not part of the profile the panel saves.
 */
export function StartAtLoginField() {
  const { t } = useTranslation();
  const { api } = useBridge();
  const hintId = useId();
  const [state, setState] = useState<StartAtLoginDTO | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api.getStartAtLogin().then(
      (answer) => live && setState(answer),
      (failure: unknown) => live && setProblem(describeError(failure)),
    );
    return () => {
      live = false;
    };
  }, [api]);

  const change = async (openAtLogin: boolean) => {
    setBusy(true);
    setProblem(null);
    try {
      setState(await api.setStartAtLogin({ openAtLogin }));
    } catch (failure) {
      setProblem(describeError(failure));
    } finally {
      setBusy(false);
    }
  };

  if (!state && !problem) return null;
  const hint = problem
    ? t('settings.startAtLoginFailed', { message: problem })
    : state && !state.supported
      ? t('settings.startAtLoginUnsupported')
      : undefined;
  return (
    <div className="field">
      <label className="field-check">
        <input
          type="checkbox"
          checked={state?.openAtLogin ?? false}
          disabled={busy || !state?.supported}
          aria-describedby={hint ? hintId : undefined}
          onChange={(event) => void change(event.target.checked)}
        />
        {t('settings.startAtLogin')}
      </label>
      {hint && (
        <span id={hintId} className={problem ? 'field-hint field-hint-warning' : 'field-hint'}>
          {hint}
        </span>
      )}
    </div>
  );
}
