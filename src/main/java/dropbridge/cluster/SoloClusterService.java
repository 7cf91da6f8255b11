package dropbridge.cluster;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.apache.camel.cluster.CamelClusterEventListener;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.support.cluster.AbstractCamelClusterService;
import org.apache.camel.support.cluster.AbstractCamelClusterView;

/**
 * The cluster of one ({@code dropbridge.cluster.service=none}): this process is the only member
 * and leads every namespace from the start, so each {@code master:} drop consumes at once.
 */
final class SoloClusterService extends AbstractCamelClusterService<SoloClusterService.View> {

    /**
     * Tells each drop that it leads on a thread of its own: a master consumer waits there until
     * its drop's consumer has started (a few seconds), and the drops' routes start one after the other.
     */
    private ExecutorService announcer;

    SoloClusterService(String member) {
        setId(member);
    }

    @Override
    protected void doStart() throws Exception {
        announcer = getCamelContext().getExecutorServiceManager().newCachedThreadPool(this, "SoloLeadership");
        super.doStart();
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        getCamelContext().getExecutorServiceManager().shutdownNow(announcer);
    }

    @Override
    protected View createView(String namespace) {
        return new View(this, namespace);
    }

    static final class View extends AbstractCamelClusterView {

        private final SoloClusterService service;
        private final CamelClusterMember self;

        View(SoloClusterService service, String namespace) {
            super(service, namespace);
            this.service = service;
            String id = service.getId();
            this.self = new CamelClusterMember() {
                @Override
                public boolean isLeader() {
                    return true;
                }

                @Override
                public boolean isLocal() {
                    return true;
                }

                @Override
                public String getId() {
                    return id;
                }
            };
        }

        @Override
        public Optional<CamelClusterMember> getLeader() {
            return Optional.of(self);
        }

        @Override
        public CamelClusterMember getLocalMember() {
            return self;
        }

        @Override
        public List<CamelClusterMember> getMembers() {
            return List.of(self);
        }

        /** The leader never changes: a listener is told once, when it is added, that this process leads. */
        @Override
        public void addEventListener(CamelClusterEventListener listener) {
            if (listener instanceof CamelClusterEventListener.Leadership leadership) {
                service.announcer.execute(() -> leadership.leadershipChanged(this, self));
            }
        }

        @Override
        public void removeEventListener(CamelClusterEventListener listener) {
            // nothing is kept: see addEventListener
        }

        @Override
        protected void doStart() {
            // leads from the start
        }
    }
}
