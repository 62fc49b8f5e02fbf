import { describe, expect, it } from "vitest";
import { lexiconVerdict } from "../src/moderation/check";
import { lexiconSpans, redactSpans, scoreToxicity } from "../src/moderation/lexicon";

/**
 * A labelled set for the offline toxicity check, written for these tests (not taken from the
 * lexicon): insults, threats and harassment, many outside any word list or spelled to dodge
 * one, and benign forum sentences full of words that look bad out of context.
 */
const ABUSIVE = [
  "You are an idiot.",
  "you're a complete moron, read the docs",
  "What a pathetic excuse for a developer you are.",
  "Shut up and stop posting.",
  "Nobody asked you, go away.",
  "Go to hell with your pull request.",
  "I will find you and hurt you.",
  "kys",
  "Just kill yourself already.",
  "Fuck you and your project.",
  "f*ck you",
  "fvck off, loser",
  "you absolute sh1thead",
  "Screw you, you useless clown.",
  "This guy is a total dumbass.",
  "You're so stupid it hurts.",
  "ur a clueless hack",
  "You are worthless.",
  "Piss off.",
  "Get lost, nobody wants you here.",
  "You are a waste of space.",
  "What a moronic take, you imbecile.",
  "You brainless troll.",
  "Crawl back under your rock.",
  "You fucking idiot, it's in the README.",
  "Are you retarded or just lazy?",
  "I hope you die in a fire.",
  "You are a disgrace to this community.",
  "Go back to your cave.",
  "you're such a loser lol",
  "Nobody likes you here.",
  "STFU noob, you are trash.",
  "you are an embarrassment",
  "This maintainer is an incompetent bastard.",
  "What an asshole answer.",
  "Drop dead.",
  "You're a liar and a coward.",
  "Shut the hell up.",
  "You are garbage at this.",
  "Do us all a favour and quit.",
  "You're a joke.",
  "ʃ𝐟ʃὗƈｋ ỹоứ",
  "you dimwit",
  "Such a cretin.",
  "piece of sh!t software and you are a piece of crap too",
  "I hate you.",
  "You ignorant fool.",
  "dumb b1tch",
];

const BENIGN = [
  "Kill the process with SIGTERM before restarting.",
  "This bug is killing me, any ideas?",
  "The parser is stupidly simple: one regex per token.",
  "Run the garbage collector manually to see if memory drops.",
  "Please assess whether the patch breaks the class loader.",
  "We host the mirror in Scunthorpe.",
  "Shut down the server, then run the migration.",
  "The dumb terminal does not support colours.",
  "Abort the job if the lock is stale.",
  "Execute the child process with a timeout.",
  "That's a useless log line, we can drop it.",
  "Your pull request fixes the login loop, thank you!",
  "You are right, the cookie domain was wrong.",
  "You're a lifesaver, that fixed it.",
  "Are you sure the token is still valid?",
  "I hate this flaky test.",
  "The trash icon deletes the draft.",
  "Drop the table and recreate it from the migration.",
  "Hit the endpoint twice and compare the headers.",
  "The daemon was dead after the upgrade.",
  "We should nuke the cache and rebuild.",
  "The cluster's master node failed over to the replica.",
  "Sorry, that was a stupid mistake on my part.",
  "Grapes are in the sample dataset.",
  "The penis-shaped icon joke in the changelog was removed years ago.",
  "Cock the trigger setting in the config? No, set it to false.",
  "The analytics script runs at night.",
  "Bash the retries into shape with exponential backoff.",
  "Execute order: build, test, deploy.",
  "The hook fires twice when you save.",
  "I killed the worker and the job ran again within a minute.",
  "My dumb question: where is the config file?",
  "You can ignore the warning about peer dependencies.",
  "This is a pathetic amount of test coverage for such a core module.",
  "Thanks, you saved my day.",
  "Could you share the exact steps to reproduce?",
  "Your answer is the best one in this thread.",
  "The assembly output is in the build folder.",
  "Cocktail recipes are off topic here.",
  "The classic mode is faster on old hardware.",
  "We retired the legacy hell of XML configs.",
  "The exit code is non-zero when the build is dead.",
  "You should pin the version in the catalog.",
  "Document the breaking change in the release notes.",
  "Hell yes, 2.3.1 fixed it!",
  "What a stupid bug, it was a typo in the env name.",
  "The shitake mushroom emoji renders fine now.",
  "Your patch is incomplete: the migration is missing.",
  "Is the button dead on mobile too?",
  "Use the `kill -9` only as a last resort.",
];

const flagged = (text: string, threshold = 0.8) => scoreToxicity(text).score >= threshold;

describe("offline toxicity (obscenity + scored lexicon) on a labelled set", () => {
  it("catches most abuse, obfuscated or not, and flags few benign sentences", () => {
    const hits = ABUSIVE.filter((t) => flagged(t));
    const falsePositives = BENIGN.filter((t) => flagged(t));
    const recall = hits.length / ABUSIVE.length;
    const fpRate = falsePositives.length / BENIGN.length;
    console.info(
      `offline toxicity at threshold 0.8: recall ${(recall * 100).toFixed(1)}% (${hits.length}/${ABUSIVE.length}), ` +
        `false positives ${(fpRate * 100).toFixed(1)}% (${falsePositives.length}/${BENIGN.length})`,
    );
    console.info(`missed: ${JSON.stringify(ABUSIVE.filter((t) => !flagged(t)))}`);
    console.info(`false positives: ${JSON.stringify(falsePositives)}`);
    expect(recall).toBeGreaterThanOrEqual(0.9);
    expect(fpRate).toBeLessThanOrEqual(0.04);
  });

  it("redacts exactly the abusive spans, including obfuscated spellings", () => {
    const text = "Shut  up, you IDIOT. f*ck this. Skidiots and classic words stay.";
    const spans = lexiconSpans(text);
    expect(redactSpans(text, spans)).toBe(
      "[redacted], you [redacted]. [redacted] this. Skidiots and classic words stay.",
    );
  });

  it("gives the posting hook a graded verdict instead of all-or-nothing", () => {
    expect(lexiconVerdict("You are an idiot.").score).toBeGreaterThanOrEqual(0.9);
    expect(lexiconVerdict("What a stupid bug, it was a typo.").score).toBeLessThan(0.8);
    expect(lexiconVerdict("Thanks, that fixed it.")).toMatchObject({ label: "clean", score: 0 });
  });
});
