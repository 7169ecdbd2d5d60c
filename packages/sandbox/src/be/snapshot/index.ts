// The BE side of local snapshots: the store of tablet snapshot copies and the download route target BEs
// pull them through.
export { type SnapshotHeader, SnapshotStore, snapshotStore } from './snapshot-store.js';
export { type TabletDownloadDeps, tabletDownloadRoute } from './tablet-download-route.js';
