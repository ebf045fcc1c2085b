/**
 * The extension's command ids, in a module of their own: the desktop and the
 * web entry both use them, and naming them needs neither client library.
 */
export const SHOW_NETWORK_VIEW = 'convspec.showNetworkView';
export const COMPARE_NETWORKS = 'convspec.compareNetworks';
export const RESTART_SERVER = 'convspec.restartServer';
