/**
 * The disputes module's face (数据纠错): no other module calls it.
 *
 * Layering (lowest first; a module imports only the faces of modules below it):
 *   indicators → consents → profiles → enterprises → disputes, imports
 * Disputes sit on top: the filing enterprise comes from enterprises' face, the disputed value and the
 * correction go through indicators' face, and an accepted correction recomputes the profile in the
 * request through profiles' face.
 *
 * Tables owned: `data_disputes`.
 */
export {};
