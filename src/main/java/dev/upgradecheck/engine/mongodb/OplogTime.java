package dev.upgradecheck.engine.mongodb;

import org.bson.BsonTimestamp;

import java.time.Duration;
import java.time.Instant;

/** An oplog {@code ts}: seconds since the epoch plus an increment ordering entries within one second. */
public record OplogTime(long seconds, long increment) implements Comparable<OplogTime> {

    static OplogTime of(BsonTimestamp ts) {
        return new OplogTime(Integer.toUnsignedLong(ts.getTime()), Integer.toUnsignedLong(ts.getInc()));
    }

    Instant instant() {
        return Instant.ofEpochSecond(seconds);
    }

    Duration until(OplogTime later) {
        return Duration.ofSeconds(later.seconds - seconds);
    }

    @Override
    public int compareTo(OplogTime o) {
        return seconds != o.seconds ? Long.compare(seconds, o.seconds) : Long.compare(increment, o.increment);
    }

    @Override
    public String toString() {
        return "Timestamp(" + seconds + ", " + increment + ") " + instant();
    }
}
