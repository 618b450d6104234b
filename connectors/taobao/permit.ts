// TMC delivers a seller's messages to an app only once the app asked for them in the seller's
// name (taobao.tmc.user.permit); asking again is harmless, so it is done for every configuration.
import type { ConnectorContext } from '../connector';
import { TopClient } from './client';
import type { TaobaoSettings } from './settings';
import { TAOBAO_TOPICS } from './topics';

export async function permitMessages(ctx: ConnectorContext<TaobaoSettings>): Promise<void> {
  await new TopClient(ctx).seller('taobao.tmc.user.permit', { topics: TAOBAO_TOPICS.join(',') });
}
