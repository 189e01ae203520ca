/** The auto-grants (免申即享) module's face: nothing yet is called by other modules; its plugin registers what it offers them. */
export {};
