package com.bank.gdw.loader.fault;

/**
 * A named place in a load (the run opened, a unit's claim half done, the target written but not committed, ...)
 * that the loader passes on its way. The crash tests stop the loader there and kill it to prove recovery; the
 * loader itself does nothing at a checkpoint ({@link #NONE}). The wiring takes the one implementation a
 * {@code META-INF/services} entry names, if the classpath has one (the tests' has), else {@link #NONE}.
 */
@FunctionalInterface
public interface Checkpoint {

    /** Passes every checkpoint without stopping: the production behaviour. */
    Checkpoint NONE = name -> { };

    /** The loader is at the point {@code name}. */
    void reach(String name);
}
