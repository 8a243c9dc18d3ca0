#pragma once
// The MPI world of one trendy_ilamb process, or none.
//
// Under a launcher (mpirun, srun, mpiexec, a PMI/PMIx job) MPI is started as
// usual. Started by hand, `trendy_ilamb config.yaml` runs as one rank without
// MPI: Open MPI's singleton start spawns an `orted` and costs ~0.5 s per run,
// which is a third of a one-file conversion. TI_MPI=1 forces MPI on,
// TI_MPI=0 forces it off.
namespace ti::farm {

// True when the environment names a launched MPI job (or TI_MPI=1).
bool launched_by_mpi();

// MPI_Init / MPI_Finalize tied to scope, when launched_by_mpi(); otherwise
// nothing. Every function below works in both cases.
class MpiWorld {
 public:
  MpiWorld(int& argc, char**& argv);
  ~MpiWorld();
  MpiWorld(const MpiWorld&) = delete;
  MpiWorld& operator=(const MpiWorld&) = delete;
};

// True between MPI_Init and MPI_Finalize.
bool mpi_active();
// Rank and size in MPI_COMM_WORLD; 0 and 1 without MPI.
int world_rank();
int world_size();
// Rank 0's value, on every rank.
int broadcast_from_root(int value);
// Ends every rank of the job with `code` (MPI_Abort, or exit without MPI).
[[noreturn]] void abort_world(int code);

}  // namespace ti::farm
