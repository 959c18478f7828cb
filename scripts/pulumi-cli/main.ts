// `npm run pulumi:ensure`: finds or builds the Pulumi CLI (ensure.ts) and says which one and where it came from.
import { describeCli, ensurePulumiCli, PulumiCliError } from "./ensure";

ensurePulumiCli().then(
  (cli) => console.log(describeCli(cli)),
  (e: unknown) => {
    console.error(`error: ${e instanceof PulumiCliError ? e.message : e instanceof Error ? e.stack : String(e)}`);
    process.exit(1);
  },
);
