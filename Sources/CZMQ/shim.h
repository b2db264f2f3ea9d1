// ZeroMQ's C API (Debian's libzmq3-dev), for the Jupyter kernel.
#include <zmq.h>
