import Database from 'better-sqlite3';

/**
 * better-sqlite3 is compiled for one Node: the node_modules that `npm test` and `npm start` prepare
 * hold a build for Node 22, which another Node (a machine's Node 20) cannot load, and the core would
 * die at its first database open with a page of dlopen text. A script run directly on such a Node
 * says so in one line instead, naming its npm command, which runs on the Node the build is for.
 */
export function exitUnlessNativeModulesLoad(npmCommand: string): void {
  try {
    new Database(':memory:').close();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_DLOPEN_FAILED') throw error;
    console.error(
      `[kds] better-sqlite3 in node_modules was built for another Node than this one (${process.version}): run \`${npmCommand}\`, which uses the Node it was built for.`,
    );
    process.exit(2);
  }
}
