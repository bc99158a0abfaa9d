import { useTranslation } from 'react-i18next';
import type { NetworkStatusDTO } from '../../../src-shared/contract';

/** More announce targets than this and the rest are only counted: ranges expand to hundreds. */
const SHOWN_TARGETS = 20;

const droppedReasons = ['malformed', 'oversized', 'rateLimited', 'unknownCommand'] as const;

/** The port, interfaces, where announcements go and the datagram counters. */
export function NetworkStatusDetails({ status }: { status: NetworkStatusDTO }) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language);
  const where = { port: status.port, address: status.bindAddress };
  const shown = status.announceTargets.slice(0, SHOWN_TARGETS);
  const more = status.announceTargets.length - shown.length;
  const counters: [string, number][] = [
    [t('network.datagramsIn'), status.stats.datagramsIn],
    [t('network.datagramsOut'), status.stats.datagramsOut],
    ...droppedReasons.map((reason): [string, number] => [
      t(`network.${reason}`),
      status.stats.dropped[reason],
    ]),
  ];

  return (
    <>
      <section className="network-section" aria-label={t('network.port')}>
        <p className={status.bound ? 'network-bound' : 'network-unbound'}>
          {t(status.bound ? 'network.bound' : 'network.notBound', where)}
        </p>
        {!status.bound && status.problem && (
          <p className="form-error" role="alert">
            {status.problem}
          </p>
        )}
      </section>
      <section className="network-section" aria-label={t('network.interfaces')}>
        <h3 className="network-heading">{t('network.interfaces')}</h3>
        {status.interfaces.length === 0 ? (
          <p className="field-hint">{t('network.noInterfaces')}</p>
        ) : (
          <ul className="network-list">
            {status.interfaces.map((entry) => (
              <li key={`${entry.name} ${entry.address}`}>
                <span className="network-name">{entry.name}</span>{' '}
                <span className="network-address">
                  {t('network.interfaceLine', {
                    address: entry.address,
                    netmask: entry.netmask,
                    broadcast: entry.broadcast,
                  })}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="network-section" aria-label={t('network.targets')}>
        <h3 className="network-heading">{t('network.targets')}</h3>
        {shown.length === 0 ? (
          <p className="field-hint">{t('network.noTargets')}</p>
        ) : (
          <ul className="network-list network-targets">
            {shown.map((target, index) => (
              // Targets may repeat (a host also in a range): the position keeps keys unique.
              <li key={`${index} ${target}`} className="network-address">
                {target}
              </li>
            ))}
            {more > 0 && (
              <li className="field-hint">{t('network.moreTargets', { count: more })}</li>
            )}
          </ul>
        )}
      </section>
      <section className="network-section" aria-label={t('network.datagrams')}>
        <h3 className="network-heading">{t('network.datagrams')}</h3>
        <dl className="network-counters">
          {counters.map(([label, value]) => (
            <div key={label} className="network-counter">
              <dt>{label}</dt>
              <dd>{number.format(value)}</dd>
            </div>
          ))}
        </dl>
      </section>
    </>
  );
}
