import { version } from '../../../../package.json';

/** Some gateways refuse anonymous clients; every request names the product and its version. */
export const USER_AGENT = `velocity-synth/${version}`;
