/**
 * The deployment's security rules, written by the build into dist/database.json beside the
 * collections. They are how this deployment configures the platform, not domain rules, so they
 * live with the functions rather than in core (which the mini-program also bundles).
 */

/**
 * Every collection is closed to the client: the mini-program reaches data only through
 * functions, which run with full rights and enforce the policy themselves (core/policy).
 */
export const CLOSED_RULE = { read: false, write: false } as const;

/**
 * The storage bucket's security rule: a client may write (upload) only files it owns and read
 * none directly; a photo is seen through the short-lived link case.fileUrl hands out after
 * checking who asks. Functions check the uploads/<openid>/ folder of every file they accept.
 */
export const STORAGE_RULE = { read: false, write: 'resource.openid == auth.openid' } as const;
