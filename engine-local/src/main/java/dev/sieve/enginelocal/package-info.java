/**
 * The ClickHouse engine Sieve runs on without a server: {@link dev.sieve.enginelocal.ChdbEngine}, the real engine
 * (chDB, ClickHouse 26.x) in a Python helper process (needs {@code pip install chdb-core}), and
 * {@link dev.sieve.enginelocal.ClickHouseTsv}, ClickHouse's TSV format. JDK only, no dependencies: {@code ./sieve run}
 * stores into it, and the tests run every statement Sieve emits through it ({@code sieve-test-support}'s
 * {@code ClickHouseEngine} is a JUnit extension around it).
 */
package dev.sieve.enginelocal;
