#include "trendy_ilamb/farm/mpi_world.hpp"

#include <mpi.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace ti::farm {

namespace {

// Variables that the common launchers set in every rank they start: Open
// MPI's mpirun, PMIx and PMI (MPICH/Intel MPI hydra, srun --mpi=pmi2/pmix)
// and Slurm's srun itself.
constexpr std::array<const char*, 6> kLauncherVariables = {
    "OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE", "MPI_LOCALNRANKS", "SLURM_STEP_ID"};

bool initialised() {
  int flag = 0;
  MPI_Initialized(&flag);
  if (!flag) return false;
  int finalised = 0;
  MPI_Finalized(&finalised);
  return !finalised;
}

}  // namespace

bool launched_by_mpi() {
  if (const char* forced = std::getenv("TI_MPI"); forced && *forced) {
    return std::string_view(forced) != "0";
  }
  for (const char* name : kLauncherVariables) {
    if (std::getenv(name)) return true;
  }
  return false;
}

MpiWorld::MpiWorld(int& argc, char**& argv) {
  if (launched_by_mpi()) MPI_Init(&argc, &argv);
}

MpiWorld::~MpiWorld() {
  if (initialised()) MPI_Finalize();
}

bool mpi_active() { return initialised(); }

int world_rank() {
  int r = 0;
  if (initialised()) MPI_Comm_rank(MPI_COMM_WORLD, &r);
  return r;
}

int world_size() {
  int n = 1;
  if (initialised()) MPI_Comm_size(MPI_COMM_WORLD, &n);
  return n;
}

int broadcast_from_root(int value) {
  if (initialised()) MPI_Bcast(&value, 1, MPI_INT, 0, MPI_COMM_WORLD);
  return value;
}

void abort_world(int code) {
  std::fflush(nullptr);
  if (initialised()) MPI_Abort(MPI_COMM_WORLD, code);
  std::_Exit(code);
}

}  // namespace ti::farm
