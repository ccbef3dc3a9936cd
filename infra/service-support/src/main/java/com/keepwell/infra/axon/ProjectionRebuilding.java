package com.keepwell.infra.axon;

/**
 * A projection is being rebuilt and its tables are not complete yet: whoever decides from them must wait, not act
 * on a half-built picture. Thrown from an event handler, it fails the unit of work, and Axon's processor retries the
 * event later; from a request, it becomes a 409 problem naming the projection.
 */
public class ProjectionRebuilding extends IllegalStateException {

    private final String processor;

    public ProjectionRebuilding(String processor, String what) {
        super(what + " (processor '" + processor + "') is being rebuilt from the event store; what depends on it waits"
                + " until the replay has caught up (GET /api/admin/projections/" + processor + " shows its progress)");
        this.processor = processor;
    }

    public String processor() {
        return processor;
    }
}
