package com.bank.gdw.loader.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;

/**
 * What the end-to-end scenario classes share: one loader harness per database (started by the subclass's
 * {@code @BeforeParameterizedClassInvocation}, closed here) and invariants 3 to 6 checked after every scenario.
 * The classes run one after another, so the one static harness is never shared by two at once.
 */
abstract class ScenarioTest {

    protected static LoaderHarness h;

    @AfterParameterizedClassInvocation
    static void closeHarness() {
        if (h != null) {
            h.close();
            h = null;
        }
    }

    @AfterEach
    void invariantsHold() {
        DcfInvariants.assertHold(h);
    }
}
