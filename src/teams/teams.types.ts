export interface Team {
  id: number;
  name: string;
  description: string;
  memberCount: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface TeamMember {
  id: number;
  email: string;
  name: string;
  role: string;
  status: 'invited' | 'active' | 'deactivated';
}
