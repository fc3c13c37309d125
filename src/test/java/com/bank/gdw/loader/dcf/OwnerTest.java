package com.bank.gdw.loader.dcf;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** When one instance may treat another's lease as abandoned without waiting for it to expire. */
class OwnerTest {

    private final Owner me = Owner.current("node-a");

    private static long endedPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return p.pid();
    }

    private String sameInstance(long pid) {
        return me.instance() + ":" + pid + ":" + me.pidNamespace() + ":" + me.bootId() + ":abcd1234";
    }

    @Test
    void the_id_names_instance_pid_pid_namespace_boot_id_and_a_token() {
        assertThat(me.id()).matches("node-a:" + ProcessHandle.current().pid() + ":[0-9]+:[0-9a-f-]{36}:[0-9a-f]{8}");
        assertThat(me.host()).isNotBlank();
        assertThat(Owner.current("a:b").instance()).isEqualTo("a-b");
    }

    @Test
    void an_ended_process_of_the_same_instance_and_pid_namespace_is_gone() throws Exception {
        assertThat(me.knowsIsGone(sameInstance(endedPid()))).isTrue();
    }

    @Test
    void a_live_process_of_the_same_instance_is_not_gone() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        try {
            assertThat(me.knowsIsGone(sameInstance(sleeper.pid()))).isFalse();
        } finally {
            sleeper.destroyForcibly();
        }
    }

    @Test
    void a_cloned_vm_with_our_host_name_and_pid_namespace_but_another_boot_is_judged_by_its_lease() throws Exception {
        // a cloned image: same host name, same pid namespace inode (the init namespace of each kernel), other boot id
        String clone = me.instance() + ":" + endedPid() + ":" + me.pidNamespace() + ":00000000-0000-0000-0000-000000000000:abcd1234";
        assertThat(me.knowsIsGone(clone)).isFalse();
    }

    @Test
    void another_pid_namespace_is_judged_by_its_lease_even_with_our_host_name_and_pid() throws Exception {
        String otherContainer = me.instance() + ":" + me.pid() + ":4026530000:" + me.bootId() + ":abcd1234";
        assertThat(me.knowsIsGone(otherContainer)).isFalse();
        assertThat(me.knowsIsGone(me.instance() + ":" + endedPid() + ":4026530000:" + me.bootId() + ":abcd1234")).isFalse();
    }

    @Test
    void another_instance_name_an_old_format_and_ourselves_are_never_gone() throws Exception {
        long ended = endedPid();
        assertThat(me.knowsIsGone("node-b:" + ended + ":" + me.pidNamespace() + ":" + me.bootId() + ":abcd1234")).isFalse();
        assertThat(me.knowsIsGone(me.instance() + ":" + ended + ":abcd1234")).isFalse();
        assertThat(me.knowsIsGone(me.instance() + ":" + ended + ":" + me.pidNamespace() + ":abcd1234")).as("before boot ids").isFalse();
        assertThat(me.knowsIsGone(me.id())).isFalse();
        assertThat(me.knowsIsGone(null)).isFalse();
    }
}
