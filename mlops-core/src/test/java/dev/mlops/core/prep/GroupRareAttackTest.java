package dev.mlops.core.prep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.DataException;
import dev.mlops.api.Features;
import dev.mlops.api.Frame;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Attacks on Prep.groupRare: frame, row and compiled paths agree; tampered JSON is refused. */
class GroupRareAttackTest {

    /** Odd labels: empty, the bucket's own name, near-duplicates, unicode, null (missing). */
    private static final String[] LABELS = {"", "other", "Other", " other", "a", "b", "\u00e9", "x\u0000y", null};

    private static void parity(FittedChain chain, Frame train, List<String> probes) {
        CompiledChain compiled = CompiledChain.of(chain, train.schema());
        Frame asFrame = chain.transform(Frame.of(CategoricalColumn.of("k", probes.toArray(String[]::new))));
        for (int i = 0; i < probes.size(); i++) {
            Features row = Features.of("k", probes.get(i));
            Object byFrame = asFrame.column("k").get(i);
            Object byRow = chain.transform(row).get("k");
            Object byCompiled = compiled.transform(row).get("k");
            if (!java.util.Objects.equals(byFrame, byRow) || !java.util.Objects.equals(byRow, byCompiled)) {
                fail("'" + probes.get(i) + "': frame " + byFrame + ", row " + byRow + ", compiled " + byCompiled
                        + " for " + chain.toJson());
            }
        }
    }

    @Test
    void frameRowAndCompiledAgreeOnOddLabelsAndMinCounts() {
        qt().withExamples(300).forAll(lists().of(integers().between(0, LABELS.length - 1)).ofSizeBetween(1, 30),
                integers().between(1, 6)).checkAssert((codes, minCount) -> {
                    String[] labels = codes.stream().map(c -> LABELS[c]).toArray(String[]::new);
                    Frame train = Frame.of(CategoricalColumn.of("k", labels));
                    FittedChain chain = Prep.chain(Prep.groupRare(minCount, "k")).fit(train);
                    List<String> probes = new ArrayList<>(Arrays.asList(LABELS));
                    probes.add("never-seen");
                    parity(chain, train, probes);
                });
    }

    @Test
    void aHugeMinCountGroupsEverythingAndARareOtherJoinsItsOwnBucket() {
        Frame train = Frame.of(CategoricalColumn.of("k", "a", "a", "other", "", null));
        RareGrouped all = (RareGrouped) Prep.groupRare(Integer.MAX_VALUE, "k").fit(train);
        assertEquals(List.of(), all.kept().get(0).categories());
        Frame out = all.transform(train);
        assertEquals(Arrays.asList("other", "other", "other", "other", null),
                java.util.stream.IntStream.range(0, 5).mapToObj(out.categorical("k")::value).toList());
        RareGrouped two = (RareGrouped) Prep.groupRare(2, "k").fit(train);
        assertEquals(List.of("a"), two.kept().get(0).categories());
    }

    @Test
    void tamperedJsonIsADataException() {
        for (String bad : List.of(
                "{\"steps\":[{\"step\":\"group-rare\",\"kept\":null,\"other\":\"other\"}]}",
                "{\"steps\":[{\"step\":\"group-rare\",\"kept\":[{\"column\":null,\"categories\":[]}],\"other\":\"o\"}]}",
                "{\"steps\":[{\"step\":\"group-rare\",\"kept\":[{\"column\":\"k\",\"categories\":[null]}],\"other\":\"o\"}]}",
                "{\"steps\":[{\"step\":\"group-rare\",\"kept\":[{\"column\":\"k\",\"categories\":[\"a\",\"a\"]}],\"other\":\"o\"}]}",
                "{\"steps\":[{\"step\":\"group-rare\",\"kept\":[],\"other\":\"o\",\"other\":\"p\"}]}",
                "{\"steps\":[{\"step\":\"group-rare\",\"kept\":[],\"other\":\"o\",\"x\":1}]}",
                "{\"steps\":[{\"step\":\"group-rare\",\"kept\":[]}]}")) {
            assertThrows(DataException.class, () -> FittedChain.fromJson(bad), bad);
        }
    }

    /**
     * A fitted step that names the same column twice loads, and then the frame and row paths (each
     * encoding applied to the ORIGINAL value, the last one wins) disagree with the compiled serving path
     * (encodings applied one after another).
     */
    @Test
    void aGroupingThatNamesAColumnTwiceIsRefused() {
        String json = "{\"steps\":[{\"step\":\"group-rare\",\"kept\":[{\"column\":\"k\",\"categories\":[\"a\"]},"
                + "{\"column\":\"k\",\"categories\":[\"b\"]}],\"other\":\"other\"}]}";
        FittedChain chain;
        try {
            chain = FittedChain.fromJson(json);
        } catch (DataException refused) {
            return; // refusing it is the fix
        }
        parity(chain, Frame.of(CategoricalColumn.of("k", "a", "b")), List.of("a", "b"));
    }

    /** The bucket's name may be empty or anything at all: "" and "a" (a kept category). */
    @Test
    void anyBucketNameIsAccepted() {
        String json = "{\"steps\":[{\"step\":\"group-rare\",\"kept\":[{\"column\":\"k\",\"categories\":[\"a\"]}],"
                + "\"other\":\"\"}]}";
        FittedChain chain = FittedChain.fromJson(json);
        parity(chain, Frame.of(CategoricalColumn.of("k", "a", "b")), List.of("a", "b", "", "zz"));
    }

    /**
     * Prep.groupRare before a one-hot that refuses unseen categories: when training had no rare
     * category the bucket is itself unseen, so an unseen category is refused after all (documented),
     * although serving's RequestCheck treats every grouped column as accepting unseen categories.
     */
    @Test
    void withoutARareCategoryAStrictEncoderAfterTheGroupingStillRefusesUnseen() {
        Frame train = Frame.of(CategoricalColumn.of("k", "a", "a", "b", "b"));
        FittedChain chain = Prep.chain(Prep.groupRare(2, "k"), Prep.oneHot(Unseen.ERROR, "k")).fit(train);
        assertThrows(DataException.class, () -> chain.transform(Features.of("k", "new")));
    }
}
