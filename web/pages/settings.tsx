// The shop admin's settings, one tab each: the policy, channels and payment gateway, templates,
// people, API keys, the audit log and the marketplace connectors' health.
import { href } from '../router';
import { useWorkbench } from '../session';
import { AccessSettings, AuditLog } from './settings-access';
import { ChannelSettings } from './settings-channels';
import { ConnectorSettings } from './settings-connectors';
import { PolicySettings } from './settings-policy';
import { TemplateSettings } from './settings-templates';

const TABS = ['policy', 'channels', 'templates', 'people', 'audit', 'connectors'] as const;
type Tab = (typeof TABS)[number];

export function SettingsPage({ tab }: { tab: string }) {
  const { t } = useWorkbench();
  const current: Tab = (TABS as readonly string[]).includes(tab) ? (tab as Tab) : 'policy';
  const names: Record<Tab, string> = {
    policy: t.policy,
    channels: `${t.channels} · ${t.gateway}`,
    templates: t.templates,
    people: `${t.people} · ${t.apiKeys}`,
    audit: t.auditLog,
    connectors: t.connectors,
  };
  return (
    <section>
      <h1>{t.settings}</h1>
      <nav class="tabs">
        {TABS.map((name) => (
          <a key={name} href={href({ page: 'settings', tab: name })} class={name === current ? 'active' : ''}>
            {names[name]}
          </a>
        ))}
      </nav>
      <Tab tab={current} />
    </section>
  );
}

function Tab({ tab }: { tab: Tab }) {
  switch (tab) {
    case 'policy':
      return <PolicySettings />;
    case 'channels':
      return <ChannelSettings />;
    case 'templates':
      return <TemplateSettings />;
    case 'people':
      return <AccessSettings />;
    case 'audit':
      return <AuditLog />;
    case 'connectors':
      return <ConnectorSettings />;
  }
}
